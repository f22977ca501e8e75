package main

import "golang.org/x/sys/windows"

// On a Chinese Windows the console's code page is 936 (GBK), so the UTF-8
// messages nianbao prints would come out garbled in cmd.exe. Switch the
// console to UTF-8; without a console (output redirected) this does nothing.
func init() {
	const utf8CodePage = 65001
	windows.SetConsoleOutputCP(utf8CodePage)
}
