module my-go-app

go 1.27
