#!/usr/bin/env bash
# A local stand-in for gcr.io/distroless/base-debian12:nonroot, the glibc runtime a cgo binary
# that links the C library dynamically runs on (`init` on a cgo module, `--base distroless-base`):
# localhost/sgd-distroless-base:nonroot is the distroless static stand-in that
# build_base_images.sh makes, plus the files of Debian's libc6 package from the same cached
# bookworm rootfs (the C library, the dynamic loader at /lib64/ld-linux-x86-64.so.2, libm,
# libresolv, the NSS modules), as distroless base adds glibc to distroless static.
#
# Kept apart from build_base_images.sh, whose recipe stamp (a hash of that file) every
# worktree of the project shares: changing it would rebuild the 600 MB builder image.
# Run after build_base_images.sh (the rootfs and the static image must exist); prints the
# image. Its own recipe stamp (this file) makes a current image a no-op.
set -euo pipefail

cache=${SGD_IMAGE_CACHE:-/var/tmp/scaffold-go-docker/base-images}
read -r -a storage <<<"${BUILDAH_STORAGE_FLAGS:---storage-driver vfs}"
buildah=(buildah "${storage[@]}")
static_image=${SGD_RUNTIME_IMAGE:-localhost/sgd-distroless-static:nonroot}
image=${SGD_GLIBC_RUNTIME_IMAGE:-localhost/sgd-distroless-base:nonroot}
rootfs=$cache/rootfs-bookworm-minbase
stamp=$( (cat "$0"; "${buildah[@]}" inspect --type image --format '{{.FromImageID}}' "$static_image") \
  | sha256sum | cut -c1-16)
stamp_label=org.scaffold-go-docker.recipe

found=$("${buildah[@]}" inspect --type image \
  --format "{{index .OCIv1.Config.Labels \"$stamp_label\"}}" "$image" 2>/dev/null || true)
if [[ $found == "$stamp" ]]; then
  echo "$image is up to date" >&2
  echo "$image"
  exit 0
fi

list=$(ls "$rootfs"/var/lib/dpkg/info/libc6:*.list 2>/dev/null | head -1)
[[ -n $list ]] || { echo "no libc6 in $rootfs: run build_base_images.sh first" >&2; exit 1; }
echo "building $image from $static_image and $rootfs's libc6..." >&2
inside() { # PATH in the rootfs, its symbolic links followed within the rootfs (not the host)
  local path=$rootfs$1 target
  while [[ -L $path ]]; do
    target=$(readlink "$path")
    if [[ $target == /* ]]; then path=$rootfs$target; else path=$(dirname "$path")/$target; fi
  done
  echo "$path"
}
staged=$(mktemp -d "$cache/distroless-base.XXXXXX")
ctr=
trap 'rm -rf "$staged"; [[ -n $ctr ]] && "${buildah[@]}" rm "$ctr" >/dev/null 2>&1 || true' EXIT
while read -r path; do
  case $path in /usr/share/*|/etc/*|/.) continue ;; esac
  [[ -d $rootfs$path ]] && continue  # directories (and /lib, a link to one) come with their files
  mkdir -p "$staged$(dirname "$path")"
  cp "$(inside "$path")" "$staged$path"
done <"$list"
ctr=$("${buildah[@]}" from --pull-never "$static_image")
"${buildah[@]}" copy --quiet "$ctr" "$staged/" / >/dev/null
"${buildah[@]}" config --label "$stamp_label=$stamp" "$ctr"
"${buildah[@]}" commit --quiet --rm "$ctr" "$image" >/dev/null
ctr=
echo "$image"
