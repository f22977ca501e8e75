package fonts

import (
	"fmt"
	"slices"
	"unicode"
)

// Set maps each role to a chain of faces: the role's primary face, then
// fallbacks, ending with the wide-coverage embedded Noto Serif SC faces. A
// Set is built once and shared by every report of a batch; it never changes
// and is safe for concurrent use.
type Set struct {
	chains  [numRoles][]*Face
	choices [numRoles]Choice
}

// Options says where Load looks for fonts.
type Options struct {
	Explicit map[Role]string // role → font file chosen by the user (--font body=PATH, or the report's fonts section)
	System   bool            // search installed system fonts by family name (Windows, fontconfig dirs, macOS)
	Dirs     []string        // extra directories to search (tests use this instead of real system dirs)
	// Fallback lists font files tried, in order, for characters that a
	// role's own faces lack, before the embedded Noto fonts: a font with
	// Ext-B coverage for rare names (𠮷), say.
	Fallback []string
}

// Source says where a role's font came from.
type Source string

// Sources of a role's font, in the order Load tries them.
const (
	SourceExplicit Source = "explicit" // chosen by the user
	SourceSystem   Source = "system"   // an installed font found by family name
	SourceEmbedded Source = "embedded" // built into nianbao
)

// Choice says which font serves a role and why, for `nianbao fonts`.
type Choice struct {
	Role       Role
	Face       *Face
	Name       string // Face.Name()
	Path       string // Face.Path()
	Source     Source
	Permission string  // embedding permission from OS/2 fsType, see Face.Permission
	Fallbacks  []*Face // the rest of the chain, in order
	Skipped    []Skip  // installed fonts that matched but were passed over
}

// Skip is an installed font that Load passed over, and why.
type Skip struct {
	Path   string
	Name   string
	Reason string
}

// Load builds a Set. For each role it takes, in order: the font file in
// opts.Explicit; else an installed font found by family name in opts.Dirs
// and, when opts.System is set, the system font directories; else the
// embedded font. An explicit font that cannot be read or parsed, or whose
// licence forbids embedding, is an error; an installed one is skipped and
// the reason recorded in Describe. Files are parsed once per process.
func Load(opts Options) (*Set, error) {
	emb, err := embeddedFaces()
	if err != nil {
		return nil, err
	}
	for role := range opts.Explicit {
		if roleIndex(role) < 0 {
			return nil, fmt.Errorf("fonts: 未知的字体角色 %q（可用 title, body, heading1, heading2, table, latin）/ unknown font role %q", role, role)
		}
	}
	dirs := opts.Dirs
	if opts.System {
		dirs = append(slices.Clip(dirs), systemDirs()...)
	}
	var extra []*Face
	for _, path := range opts.Fallback {
		f, err := loadFile(path, -1)
		if err != nil {
			return nil, fmt.Errorf("fonts: fallback=%s: %w", path, err)
		}
		if err := f.Embeddable(); err != nil {
			return nil, err
		}
		extra = append(extra, f)
	}
	s := new(Set)
	for i, role := range Roles {
		c := Choice{Role: role}
		if path := opts.Explicit[role]; path != "" {
			f, err := loadFile(path, -1)
			if err != nil {
				return nil, fmt.Errorf("fonts: %s=%s: %w", role, path, err)
			}
			if err := f.Embeddable(); err != nil {
				return nil, err
			}
			c.Face, c.Source = f, SourceExplicit
		} else if len(dirs) > 0 {
			c.Face, c.Skipped = findInstalled(role, dirs)
			c.Source = SourceSystem
		}
		if c.Face == nil {
			c.Face, c.Source = emb[embeddedFor[role]], SourceEmbedded
		}
		chain := []*Face{c.Face}
		add := func(f *Face) {
			if !slices.Contains(chain, f) {
				chain = append(chain, f)
			}
		}
		add(emb[embeddedFor[role]])
		for _, f := range extra {
			add(f)
		}
		for _, name := range fallbackTail(role) {
			add(emb[name])
		}
		c.Name, c.Path, c.Permission = c.Face.Name(), c.Face.Path(), c.Face.Permission()
		c.Fallbacks = chain[1:]
		s.chains[i] = chain
		s.choices[i] = c
	}
	return s, nil
}

const (
	numRoles   = 6
	latinIndex = 5 // roleIndex(Latin)
)

// roleIndex returns the index of role in Roles, or -1.
func roleIndex(role Role) int {
	switch role {
	case Title:
		return 0
	case Body:
		return 1
	case Heading1:
		return 2
	case Heading2:
		return 3
	case Table:
		return 4
	case Latin:
		return 5
	}
	return -1
}

// Primary returns the role's primary face, or nil for an unknown role.
func (s *Set) Primary(role Role) *Face {
	i := roleIndex(role)
	if i < 0 {
		return nil
	}
	return s.chains[i][0]
}

// usesLatin reports whether r is set in the Latin face in roles other than
// Title: ASCII letters, digits, punctuation and space (GB/T 9704 practice:
// digits and Latin letters in a Times-like serif).
func usesLatin(r rune) bool { return r >= 0x20 && r <= 0x7E }

// Face returns the face to set rune r in for role. ASCII letters, digits
// and punctuation use the Latin face in every role but Title (the title
// keeps its heavy face for digits too); everything else uses the role's
// chain. When a face lacks r, the next face in the chain that has it serves.
// When none has it, the error is a *MissingGlyphError. Face does not
// allocate unless it returns an error.
func (s *Set) Face(role Role, r rune) (*Face, error) {
	i := roleIndex(role)
	if i < 0 {
		return nil, fmt.Errorf("fonts: unknown font role %q", role)
	}
	if role != Title && usesLatin(r) {
		for _, f := range s.chains[latinIndex] {
			if f.Has(r) {
				return f, nil
			}
		}
	}
	for _, f := range s.chains[i] {
		if f.Has(r) {
			return f, nil
		}
	}
	return nil, &MissingGlyphError{Rune: r, Role: role}
}

// Describe returns which font serves each role, in the order of Roles.
func (s *Set) Describe() []Choice {
	out := make([]Choice, numRoles)
	for i, c := range s.choices {
		c.Fallbacks = slices.Clone(c.Fallbacks)
		c.Skipped = slices.Clone(c.Skipped)
		out[i] = c
	}
	return out
}

// Coverage reports, for the characters of text set in role, which are set
// in a fallback face rather than the primary one (the role's, or the Latin
// face for ASCII), and which no face has, in order of first appearance.
// Control characters (line breaks, tabs) are ignored.
func (s *Set) Coverage(role Role, text string) (fallback map[rune]*Face, missing []rune) {
	if roleIndex(role) < 0 {
		return nil, nil
	}
	fallback = make(map[rune]*Face)
	seen := make(map[rune]bool)
	for _, r := range text {
		if seen[r] || unicode.IsControl(r) {
			continue
		}
		seen[r] = true
		f, err := s.Face(role, r)
		if err != nil {
			missing = append(missing, r)
			continue
		}
		want := s.Primary(role)
		if role != Title && usesLatin(r) {
			want = s.Primary(Latin)
		}
		if f != want {
			fallback[r] = f
		}
	}
	return fallback, missing
}
