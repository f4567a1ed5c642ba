"""Facts about base images and Go, as plain data: shared by the generator and `audit`.

Nothing here reads the disk or imports the options model, so any command can use it
without paying for more than these small modules.
"""
