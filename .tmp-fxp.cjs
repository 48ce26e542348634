const { XMLParser, XMLValidator } = require('fast-xml-parser');
const x = '<?xml version="1.0"?>\n<p:R xmlns:p="urn:x" a="1&amp;2"><!-- c --><A>x &amp; y &#65; &foo;</A><B><![CDATA[<b>&amp;]]></B>  <A/></p:R>';
console.log(JSON.stringify(XMLValidator.validate(x)));
console.log(JSON.stringify(XMLValidator.validate('<a><b></a>')));
console.log(JSON.stringify(XMLValidator.validate('<a>x & y</a>')));
console.log(JSON.stringify(XMLValidator.validate('<a x="<">y</a>')));
console.log(JSON.stringify(XMLValidator.validate('<a></a><b/>')));
console.log(JSON.stringify(XMLValidator.validate('text')));
const p = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', processEntities: false, htmlEntities: false, parseTagValue: false, parseAttributeValue: false, trimValues: false, ignoreDeclaration: true, ignorePiTags: true, cdataPropName: '#cdata', maxNestedTags: 5 });
console.log(JSON.stringify(p.parse(x), null, 0));
try { p.parse('<a><a><a><a><a><a><a></a></a></a></a></a></a></a>'); console.log('deep ok'); } catch (e) { console.log('deep err', e.message); }
