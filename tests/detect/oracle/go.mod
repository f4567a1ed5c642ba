module scaffoldtest/oracle

go 1.22
