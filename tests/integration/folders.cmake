# Folders and profiles (issue #8) over REST on a real ServerApp: the device tree, enrolment into
# a folder, profiles and effective configuration, views as assignment targets.
steward_add_test_suite(tests_folders LABEL integration
  LIBS steward::server_core steward_agent_core steward::test_server_support
  SOURCES
    integration/devices/DeviceTestSupport.cpp
    integration/folders/ConfigPushTest.cpp
    integration/folders/FileStoreTest.cpp
    integration/folders/FolderRestTest.cpp
    integration/folders/ProfileRestTest.cpp
    integration/folders/SandboxedAgent.cpp
    integration/folders/ViewAccessTest.cpp
    integration/folders/ViewPushTest.cpp
    integration/folders/ViewRestTest.cpp
    integration/folders/RecycleBinRestTest.cpp
)
add_dependencies(tests_folders steward-agent)
