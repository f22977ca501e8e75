package fonts

// Role is what a font is used for in a report (GB/T 9704 §7).
type Role string

// The roles of a report's fonts.
const (
	Title    Role = "title"    // 小标宋: the title
	Body     Role = "body"     // 仿宋: body text
	Heading1 Role = "heading1" // 黑体: 一、…
	Heading2 Role = "heading2" // 楷体: （一）…
	Table    Role = "table"    // 宋体: tables and page numbers
	Latin    Role = "latin"    // digits and Latin letters: a Times-like serif
)

// Roles lists every role in a fixed order.
var Roles = []Role{Title, Body, Heading1, Heading2, Table, Latin}
