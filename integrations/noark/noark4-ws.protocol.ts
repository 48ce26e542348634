import type { XmlElement } from '../../electron/core/profiles/xml-tree';

/**
 * Noark4WS as both sides read it from the WSDL: the types namespace and the SOAP 1.1 envelope the
 * messages travel in. The adapter's mapper and the archive's simulator share this and nothing else.
 */

export const N4_TYPES_NS = 'http://www.arkivverket.no/Noark4WS/types';
export const N4_SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** The first element inside soap:Body of a parsed SOAP 1.1 envelope. */
export function bodyPayload(root: XmlElement): XmlElement | undefined {
  if (root.name !== 'Envelope' || root.namespace !== N4_SOAP_NS) return undefined;
  return root.children.find((c) => c.name === 'Body' && c.namespace === N4_SOAP_NS)?.children[0];
}
