// Command tzprobe loads a time zone as a service would and prints 2024-01-01T00:00Z in it,
// or the error and exit status 1.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).In(loc).Format(time.RFC3339))
}
