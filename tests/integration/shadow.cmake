# Secure shadowing (issue #5): a real ServerApp, the agent's ServerLink, TLS proxy and
# libvncserver, the console's tunnel and libvncclient; real TLS and real pixels on loopback.
steward_add_test_suite(tests_shadow LABEL integration
  LIBS steward::server_core steward_agent_core steward::console_shadow steward::vncview
       steward::test_server_support
  SOURCES
    integration/devices/DeviceTestSupport.cpp
    integration/shadow/ShadowRig.cpp
    integration/shadow/ShadowSessionTest.cpp
    integration/shadow/ShadowRefusalTest.cpp
    integration/shadow/ShadowProcessTest.cpp
)
add_dependencies(tests_shadow steward-agent steward-shadow)
