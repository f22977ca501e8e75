package render

import (
	"errors"
	"syscall"
)

// Windows error codes (winerror.h) that have no errno twin in package syscall.
const (
	errorWriteProtect     = syscall.Errno(19)  // ERROR_WRITE_PROTECT
	errorSharingViolation = syscall.Errno(32)  // ERROR_SHARING_VIOLATION: the file is open in Word
	errorLockViolation    = syscall.Errno(33)  // ERROR_LOCK_VIOLATION
	errorHandleDiskFull   = syscall.Errno(39)  // ERROR_HANDLE_DISK_FULL
	errorDiskFull         = syscall.Errno(112) // ERROR_DISK_FULL
)

func isDiskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}

func isWriteProtected(err error) bool { return errors.Is(err, errorWriteProtect) }

func isInUse(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
