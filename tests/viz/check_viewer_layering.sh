#!/bin/sh
# SPDX-License-Identifier: MIT
# The viewer's layering (docs/architecture.md), checked on the built program and the sources:
# 1. hospsim-view's dynamic libraries include none of the simulator's dependencies (TBB, MPI,
#    yaml-cpp, Boost);
# 2. its symbols include no code of the simulator: of namespace hospsim only hospsim::trace,
#    hospsim::viz and the header-only exception family hospsim::sim::{Error,InputError,UsageError};
# 3. viz/ includes only sim/trace/ and viz/ headers of the project;
# 4. no file outside viz/ includes an OpenSceneGraph header.
# Usage: check_viewer_layering.sh <hospsim-view> <source dir>
set -u
program=$1
source=$2
status=0
fail() { echo "FAIL: $*"; status=1; }

if ldd "$program" | grep -E 'libtbb|libyaml-cpp|libmpi|libboost' ; then
  fail "hospsim-view links a library of the simulator (above)"
fi
ldd "$program" | grep -q 'libosg' || fail "hospsim-view does not link OpenSceneGraph (is this the viewer?)"

foreign=$(nm -C "$program" | grep -oE 'hospsim::[a-z_]+::[A-Za-z_]+' | sort -u |
  grep -vE '^hospsim::(trace|viz)::' |
  grep -vE '^hospsim::sim::(Error|InputError|UsageError)$')
[ -z "$foreign" ] || fail "symbols of the simulator in hospsim-view: $foreign"
nm -C "$program" | grep -q 'hospsim::trace::RunDatabaseReader' || fail "no hospsim::trace code in hospsim-view?"

bad_includes=$(grep -rhoE '#include +"[^"]+"' "$source/viz" | sed -E 's/#include +"([^"]+)"/\1/' |
  grep -vE '^(sim/trace/|viz/)' | sort -u)
[ -z "$bad_includes" ] || fail "viz/ includes outside sim/trace/ and viz/: $bad_includes"
grep -rhoE '#include +<(sim|models|app)/' "$source/viz" && fail "viz/ includes the simulator with <>"

osg_outside=$(cd "$source" && grep -rlE '#include +<(osg|osgDB|osgViewer|osgGA|osgText|osgUtil)/' \
  --include='*.hpp' --include='*.cpp' --include='*.h' . | grep -vE '^\./(viz|build[^/]*)/' )
[ -z "$osg_outside" ] || fail "OpenSceneGraph included outside viz/: $osg_outside"

[ $status -eq 0 ] && echo "viewer layering: ok"
exit $status
