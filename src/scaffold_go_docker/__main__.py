from scaffold_go_docker.cli import main

main()
