# tests_console: the real console widgets (offscreen) against a real ServerApp over TLS on
# loopback, with real agents enrolling and going online.
if(TARGET steward_console_core AND TARGET steward_agent_core)
  steward_add_test_suite(tests_console LABEL integration
    LIBS steward::server_core steward_agent_core steward::test_server_support steward::console_core
    SOURCES
      support/gui_main.cpp
      integration/devices/DeviceTestSupport.cpp
      integration/folders/SandboxedAgent.cpp
      integration/certs/WebCertificateSupport.cpp
      integration/console/AccessControlDialogTest.cpp
      integration/console/AddDevicesTest.cpp
      integration/console/AdminPagesTest.cpp
      integration/console/BackupsConsoleTest.cpp
      integration/console/ConfigConsoleTest.cpp
      integration/console/CertificatesConsoleTest.cpp
      integration/console/ConsoleTest.cpp
      integration/console/DashboardTest.cpp
      integration/console/JobsConsoleTest.cpp
      integration/console/RecycleBinConsoleTest.cpp
      integration/console/WebCertificatesConsoleTest.cpp
  )
  add_dependencies(tests_console steward-agent) # ConfigConsoleTest runs the real agent
endif()
