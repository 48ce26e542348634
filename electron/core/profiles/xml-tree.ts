/**
 * A parsed XML element as the safe parser hands it to the field mapper: local names only
 * (prefixes dropped), entities already decoded, text of direct text children joined.
 */
export interface XmlElement {
  /** Local name, without any namespace prefix. */
  name: string;
  /** Namespace URI; absent when the element is in no namespace. */
  namespace?: string;
  /** Attributes by qualified name as written, namespace declarations (xmlns, xmlns:p) included. */
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}
