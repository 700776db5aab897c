# tests_console_shadow: the console's shadow window (offscreen) against a real server and agents
# (the steward-agent process and ShadowRig's in-process agent), real TLS and real pixels.
if(TARGET steward_console_core AND TARGET steward_agent_core)
  steward_add_test_suite(tests_console_shadow LABEL integration
    LIBS steward::server_core steward_agent_core steward::test_server_support steward::console_core
    SOURCES
      support/gui_main.cpp
      integration/devices/DeviceTestSupport.cpp
      integration/shadow/ShadowRig.cpp
      integration/console/ShadowWindowTest.cpp
  )
  add_dependencies(tests_console_shadow steward-agent)
endif()
