"""Detection for `init`: read an existing Go module and say what its Dockerfile needs.

    detection = detect(Path("."))
    detection.image_go.version          # the golang image's Go
    for facts in detection.mains:       # per main package: cgo, embeds, ports, versions
        facts.main.package, facts.port, facts.cgo

Pure Python: no Go toolchain is needed on the user's machine. Every finding carries its
origin ("go.mod:3", "cmd/api/main.go:42").
"""

from scaffold_go_docker.detect.detector import detect
from scaffold_go_docker.detect.errors import (
    DetectionError,
    GoModError,
    NoMainPackageError,
    NoModuleError,
    UnbuildableGoError,
)
from scaffold_go_docker.detect.goversion import GoVersion
from scaffold_go_docker.detect.records import (
    CgoNeed,
    Detection,
    Embed,
    EmbeddedVersion,
    GoModule,
    ImageGo,
    ListenCall,
    MainFacts,
    MainPackage,
    Origin,
    PortCandidate,
    PortSource,
    Problem,
    Replace,
    Require,
    VersionVar,
    Workspace,
    WorkspaceMember,
)

__all__ = [
    "CgoNeed",
    "Detection",
    "DetectionError",
    "Embed",
    "EmbeddedVersion",
    "GoModError",
    "GoModule",
    "GoVersion",
    "ImageGo",
    "ListenCall",
    "MainFacts",
    "MainPackage",
    "NoMainPackageError",
    "NoModuleError",
    "Origin",
    "PortCandidate",
    "PortSource",
    "Problem",
    "Replace",
    "Require",
    "UnbuildableGoError",
    "VersionVar",
    "Workspace",
    "WorkspaceMember",
    "detect",
]
