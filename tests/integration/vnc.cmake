# tests_vnc: the agent's VncServer and the console's VncClient against each other over loopback,
# and the X11 screen source against a real Xvfb (the test starts its own on a free display).
if(TARGET steward_agent_vnc AND TARGET steward_vncview)
  pkg_check_modules(TEST_XCB REQUIRED IMPORTED_TARGET xcb)
  steward_add_test_suite(tests_vnc LABEL integration
    LIBS steward::agent_vnc steward::vncview PkgConfig::TEST_XCB
    SOURCES
      integration/vnc/VncLoopbackTest.cpp
      integration/vnc/X11ScreenSourceTest.cpp
      integration/vnc/XvfbFixture.cpp
      integration/vnc/X11vncInteropTest.cpp
      integration/vnc/VncThroughputBench.cpp
  )
endif()
