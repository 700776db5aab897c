# steward_vncview: the console's embedded viewer (the only libvncclient user).
find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBVNCCLIENT REQUIRED IMPORTED_TARGET libvncclient)

add_library(steward_vncview STATIC)
add_library(steward::vncview ALIAS steward_vncview)
steward_target_defaults(steward_vncview)
target_sources(steward_vncview PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Framebuffer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/InputEvent.h
  ${CMAKE_CURRENT_LIST_DIR}/Logging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/VncClient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/VncView.cpp
)
# libvncclient stays PRIVATE: nothing outside console/vnc sees <rfb/rfbclient.h>.
target_link_libraries(steward_vncview PUBLIC steward::common Qt6::Gui Qt6::Widgets
  PRIVATE PkgConfig::LIBVNCCLIENT)
