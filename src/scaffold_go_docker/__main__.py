from scaffold_go_docker.cli.app import main

main()
