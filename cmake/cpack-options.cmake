# Read by cpack after CPackConfig.cmake. Each package's description names its own synopsis
# on its first line (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION); without this, CPackDeb would put
# the project's one summary above both.
unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
