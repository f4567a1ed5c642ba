module httpsprobe

go 1.22
