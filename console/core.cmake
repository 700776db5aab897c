# steward_console_core: everything of steward-console but main.cpp; net/ and models/ use no
# widgets, ui/ and app/ do.
add_library(steward_console_core STATIC)
add_library(steward::console_core ALIAS steward_console_core)
steward_target_defaults(steward_console_core)
target_sources(steward_console_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/app/ConsoleSettings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/ViewerCommand.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/BackupModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/CertificateModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/WebCertificateModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/AuditLogModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/DashboardModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/DeviceListModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/EffectiveConfigModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/EffectiveConfigText.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/JsonRowsModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/NavigationModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/PermissionModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/ProfilesModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/RecycleBinModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/ScanModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/models/ViewsModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/ApiClient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/Connector.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/EventSocket.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/Logging.cpp
  ${CMAKE_CURRENT_LIST_DIR}/net/Session.h
  ${CMAKE_CURRENT_LIST_DIR}/net/Transport.h
  ${CMAKE_CURRENT_LIST_DIR}/ui/AccessControlDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/AddDevicesDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/AdministratorsPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/AuditLogPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/BackupsPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/CertificateDialogs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/CertificateExpiryNotice.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/CertificatesPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/CertificatesPageWeb.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/WebCertificateDialogs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/WebCertificatesPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/Confirm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ConnectDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/DashboardPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/DeviceDetailsPane.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/EnrolmentTokenPanel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ExplainView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/GroupsDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/MainWindow.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/MainWindowAccess.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/MainWindowActions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/MainWindowLogin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/PreferencesDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ProfileValuesEditor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ProfilesPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ProfilesPageDialogs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/RecycleBinPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ScanPanel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ShadowLauncher.h
  ${CMAKE_CURRENT_LIST_DIR}/ui/ShadowSessionLauncher.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ShadowWindow.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/ViewsPage.cpp
)
target_link_libraries(steward_console_core PUBLIC steward::common steward::console_shadow
  steward::vncview Qt6::Network Qt6::WebSockets Qt6::Gui Qt6::Widgets)
# Qt Charts draws the dashboard's device counts; only the console core links it.
target_link_libraries(steward_console_core PUBLIC Qt6::Charts)
# Jobs: the Jobs page and bulk commands as jobs with a progress dialog (docs/jobs.md).
target_sources(steward_console_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/models/JobListModel.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/JobDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/JobProgressDialog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/JobsPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ui/MainWindowJobs.cpp
)
