# tests_vnc: the agent's VncServer and the console's VncClient against each other over loopback,
# and the X11 screen source against a real Xvfb (the test starts its own on a free display).
if(TARGET steward_agent_vnc AND TARGET steward_vncview)
  pkg_check_modules(TEST_XCB REQUIRED IMPORTED_TARGET xcb)
  steward_add_test_suite(tests_vnc LABEL integration
    LIBS steward::agent_vnc steward::vncview PkgConfig::TEST_XCB
    SOURCES
      integration/vnc/VncLoopbackTest.cpp
      integration/vnc/X11ClipboardTest.cpp
      integration/vnc/X11ScreenSourceTest.cpp
      integration/vnc/XvfbFixture.cpp
      integration/vnc/X11vncInteropTest.cpp
      integration/vnc/VncsnapshotInteropTest.cpp
      integration/vnc/VncThroughputBench.cpp
      integration/vnc/X11ThroughputBench.cpp
  )
endif()

# The viewer widget needs a QApplication: this suite runs with tests/support/gui_main.cpp
# (an object file, so its main() wins over the QCoreApplication one in steward_test_support).
if(TARGET steward_agent_vnc AND TARGET steward_vncview)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets)
  steward_add_test_suite(tests_vncview LABEL integration
    LIBS steward::agent_vnc steward::vncview Qt6::Widgets
    SOURCES
      support/gui_main.cpp
      integration/vnc/VncViewTest.cpp
  )
endif()
