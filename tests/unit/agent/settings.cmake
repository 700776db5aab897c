# Unit tests of the agent's settings appliers (issue #8), against a sandbox root directory.
if(TARGET steward_agent_core)
  steward_add_test_suite(tests_agent_settings LABEL unit LIBS steward::agent_core SOURCES
    unit/agent/BundleApplierTest.cpp
    unit/agent/SettingsClientTest.cpp
    unit/agent/RuntimeApplierTest.cpp
    unit/agent/WallpaperApplierTest.cpp
  )
endif()
