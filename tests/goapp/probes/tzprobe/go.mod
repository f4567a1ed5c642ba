module tzprobe

go 1.22
