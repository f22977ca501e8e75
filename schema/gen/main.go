// Command gen writes schema/report.schema.json. Run it from the repository
// root: go run ./schema/gen
package main

import (
	"fmt"
	"os"

	"github.com/nianbao/nianbao/schema"
)

func main() {
	data, err := schema.Generate()
	if err == nil {
		err = os.WriteFile(schema.File, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "schema:", err)
		os.Exit(1)
	}
}
