// Command probe checks, from inside an image under test, what the image promises:
// "tz NAME" loads a time zone, "ca" finds a non-empty system CA pool, "tmp" writes to /tmp.
// It is built without -tags timetzdata, so "tz" sees only the zoneinfo the image provides.
package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fail("usage: probe tz NAME | ca | tmp")
	}
	switch os.Args[1] {
	case "tz":
		loc, err := time.LoadLocation(os.Args[2])
		if err != nil {
			fail(err.Error())
		}
		fmt.Println(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).In(loc).Format(time.RFC3339))
	case "ca":
		pool, err := x509.SystemCertPool()
		if err != nil {
			fail(err.Error())
		}
		//lint:ignore SA1019 the count is all we need
		if n := len(pool.Subjects()); n == 0 { //nolint:staticcheck
			fail("empty system CA pool")
		} else {
			fmt.Println(n, "CA certificates")
		}
	case "tmp":
		f, err := os.CreateTemp("", "probe")
		if err != nil {
			fail(err.Error())
		}
		f.Close()
		os.Remove(f.Name())
		fmt.Println("wrote", f.Name())
	default:
		fail("unknown check " + os.Args[1])
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}
