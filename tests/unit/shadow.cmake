# tests_shadow_native: the direct shadow path's proxies (agent ShadowProxy, console
# ShadowTunnel) over OpenSSL on loopback, with an echo socket for the VNC server.
if(TARGET steward_console_shadow)
  steward_add_test_suite(tests_shadow_native LABEL unit
    LIBS steward_agent_core steward::console_shadow
    SOURCES unit/shadow/NativeShadowTest.cpp)
endif()
