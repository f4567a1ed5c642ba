"""Real image builds with buildah, and the verify command."""
