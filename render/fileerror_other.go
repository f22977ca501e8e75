//go:build !windows

package render

// Windows-only conditions; on other systems the errno tests in reason say it.
func isDiskFull(error) bool       { return false }
func isWriteProtected(error) bool { return false }
func isInUse(error) bool          { return false }
