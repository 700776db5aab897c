# Folders (issue #8): the device tree over REST on a real ServerApp, enrolment into a folder.
steward_add_test_suite(tests_folders LABEL integration
  LIBS steward::server_core steward_agent_core steward::test_server_support
  SOURCES
    integration/devices/DeviceTestSupport.cpp
    integration/folders/FolderRestTest.cpp
)
