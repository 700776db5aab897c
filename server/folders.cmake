# Folders (the device tree, device placement) and profiles with effective configuration (#8).
# Views (saved device selections as assignment targets) are part of it.
# Included by server/CMakeLists.txt after steward_server_db and steward_server_core exist.
target_sources(steward_server_db PRIVATE
  db/DeviceConfigRepository.cpp
  db/FileRepository.cpp
  db/FolderRepository.cpp
  db/FolderRuleRepository.cpp
  db/ProfileRepository.cpp
  db/ViewRepository.cpp
)
target_sources(steward_server_core PRIVATE
  http/routes/ConfigPushRoutes.cpp
  http/routes/FileRoutes.cpp
  http/routes/FolderRoutes.cpp
  http/routes/FolderRuleRoutes.cpp
  http/routes/ProfileRoutes.cpp
  http/routes/ViewRoutes.cpp
  http/routes/RecycleBinRoutes.cpp
  services/ConfigPushService.cpp
  services/EffectiveConfig.cpp
  services/FileService.cpp
  services/FolderRuleService.cpp
  services/FolderService.cpp
  services/FolderTree.cpp
  services/ProfileService.cpp
  services/ProfileViewAssignments.cpp
  services/ViewFilter.cpp
  services/ViewMatch.cpp
  services/ViewMembership.cpp
  services/ViewService.cpp
  services/RecycleBinService.cpp
)
