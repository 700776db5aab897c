# Secure shadowing (issue #5): a real ServerApp, the agent's ServerLink, TLS proxy and
# libvncserver, the console's tunnel and libvncclient; real TLS and real pixels on loopback.
pkg_check_modules(SHADOW_TEST_XCB REQUIRED IMPORTED_TARGET xcb xcb-xtest)
steward_add_test_suite(tests_shadow LABEL integration
  LIBS steward::server_core steward_agent_core steward::console_shadow steward::vncview
       steward::test_server_support PkgConfig::SHADOW_TEST_XCB
  SOURCES
    integration/devices/DeviceTestSupport.cpp
    integration/shadow/ShadowRig.cpp
    integration/shadow/ShadowSessionTest.cpp
    integration/shadow/ShadowRefusalTest.cpp
    integration/shadow/ShadowProcessTest.cpp
    integration/shadow/ShadowInteropTest.cpp
    integration/shadow/ShadowRelayTest.cpp
    integration/shadow/ShadowRevocationTest.cpp
    integration/shadow/ShadowPromptTest.cpp
    integration/shadow/ShadowSettingsTest.cpp
    integration/shadow/ScreenUser.cpp
    integration/vnc/XvfbFixture.cpp
)
add_dependencies(tests_shadow steward-agent steward-shadow steward-agent-prompt)
