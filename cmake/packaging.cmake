# Debian packages from `cpack` in a build directory: mocket-cli_<version>_<arch>.deb (the
# headless server and the example configs) and mocket_<version>_<arch>.deb (the workbench).
# dpkg-shlibdeps computes each package's library dependencies from its binaries, so Depends
# names the Qt 6 and yaml-cpp runtime packages the binaries were linked against.
#
# The workbench depends on mocket-cli instead of standing alone: the examples live once, in
# mocket-cli, and every library mocket-cli needs the workbench needs too, so the dependency
# costs one small binary.

set(MOCKET_PACKAGE_MAINTAINER "Mocket maintainers <maintainers@mocket.invalid>" CACHE STRING
    "Maintainer field of the .deb packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mocket)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${MOCKET_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY mocket)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/cpack-options.cmake)

set(CPACK_COMPONENTS_ALL cli workbench)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME mocket-cli)
# First line: the synopsis; the rest: the long description (CPack indents it).
set(CPACK_DEBIAN_CLI_DESCRIPTION "Headless WebSocket and HTTP mock server
mocket-cli serves a YAML file in Moclojer's format: WebSocket greetings,
replies chosen by pattern, templates, and the file's HTTP endpoints on the
same port. For terminals, containers and CI pipelines. Example configs are
in /usr/share/mocket/examples.")

set(CPACK_DEBIAN_WORKBENCH_PACKAGE_NAME mocket)
set(CPACK_COMPONENT_WORKBENCH_DEPENDS cli)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
# Plugins are loaded at run time, so dpkg-shlibdeps cannot see them: libqt6svg6 draws the
# SVG icons; Qt's own translations put dialog buttons in the user's language.
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_WORKBENCH_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_WORKBENCH_DESCRIPTION "Workbench for mocking WebSocket servers
Author mocks point-and-click or as YAML in Moclojer's format, serve them,
watch every frame of every connection and push messages by hand.")

include(CPack)
