# tests_console_models: the console's models and settings against a fake transport.
if(TARGET steward_console_core)
  steward_add_test_suite(tests_console_models LABEL unit LIBS steward::console_core SOURCES
    support/gui_main.cpp
    unit/console/AuditLogModelTest.cpp
    unit/console/BackupModelTest.cpp
    unit/console/CertificateModelTest.cpp
    unit/console/ConsoleSettingsTest.cpp
    unit/console/DashboardModelTest.cpp
    unit/console/DeviceListModelTest.cpp
    unit/console/EffectiveConfigModelTest.cpp
    unit/console/FakeTransport.h
    unit/console/JobListModelTest.cpp
    unit/console/NavigationModelTest.cpp
    unit/console/PermissionModelTest.cpp
    unit/console/PreferencesDialogTest.cpp
    unit/console/ProfilesModelTest.cpp
    unit/console/RecycleBinModelTest.cpp
    unit/console/ScanModelTest.cpp
    unit/console/ShadowFailureTest.cpp
    unit/console/WebCertificateModelTest.cpp
  )
endif()
