# tests_vnc: the agent's VncServer and the console's VncClient against each other over loopback,
# and the X11 screen source against a real Xvfb.
if(TARGET steward_agent_vnc AND TARGET steward_vncview)
  steward_add_test_suite(tests_vnc LABEL integration
    LIBS steward::agent_vnc steward::vncview
    SOURCES
      integration/vnc/VncLoopbackTest.cpp
  )
endif()
