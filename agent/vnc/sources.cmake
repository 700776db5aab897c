# steward_agent_vnc: the agent's VNC server (the only libvncserver user) and its screen sources.
find_package(Qt6 6.4 REQUIRED COMPONENTS Gui)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBVNCSERVER REQUIRED IMPORTED_TARGET libvncserver)
pkg_check_modules(XCB REQUIRED IMPORTED_TARGET xcb xcb-shm xcb-xtest xcb-damage xcb-xfixes)

add_library(steward_agent_vnc STATIC)
add_library(steward::agent_vnc ALIAS steward_agent_vnc)
steward_target_defaults(steward_agent_vnc)
target_sources(steward_agent_vnc PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Logging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ScreenSource.h
  ${CMAKE_CURRENT_LIST_DIR}/SyntheticScreenSource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/VncServer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/X11Clipboard.cpp
  ${CMAKE_CURRENT_LIST_DIR}/X11ScreenSource.cpp
)
# libvncserver stays PRIVATE: nothing outside agent/vnc sees <rfb/rfb.h>.
target_link_libraries(steward_agent_vnc PUBLIC steward::common Qt6::Gui
  PRIVATE PkgConfig::LIBVNCSERVER PkgConfig::XCB)
