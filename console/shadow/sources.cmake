# steward_console_shadow: the console's secure-shadowing proxy (no widgets): asks the server for
# a ticket, opens the pinned TLS stream to the agent and serves one local viewer.
add_library(steward_console_shadow STATIC)
add_library(steward::console_shadow ALIAS steward_console_shadow)
steward_target_defaults(steward_console_shadow)
target_sources(steward_console_shadow PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/Logging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ShadowApi.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ShadowFailure.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ShadowSession.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ShadowTunnel.cpp
)
target_link_libraries(steward_console_shadow PUBLIC steward::common Qt6::Network)
