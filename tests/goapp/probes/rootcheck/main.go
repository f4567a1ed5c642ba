// Command rootcheck reports what a service sees of its root filesystem:
// `rootcheck user` prints the name /etc/passwd gives the current UID,
// `rootcheck tmp` creates and removes a file in the temporary directory.
// On failure it prints the error and exits 1.
package main

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
)

func main() {
	var err error
	switch os.Args[1] {
	case "user":
		var u *user.User
		if u, err = user.LookupId(strconv.Itoa(os.Getuid())); err == nil {
			fmt.Println(u.Username)
		}
	case "tmp":
		var f *os.File
		if f, err = os.CreateTemp("", "rootcheck-*"); err == nil {
			fmt.Println(f.Name())
			f.Close()
			err = os.Remove(f.Name())
		}
	default:
		err = fmt.Errorf("unknown check %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
