module rootcheck

go 1.22
