# Folders: the device tree, its REST routes and device placement (issue #8).
# Included by server/CMakeLists.txt after steward_server_db and steward_server_core exist.
target_sources(steward_server_db PRIVATE
  db/FolderRepository.cpp
)
target_sources(steward_server_core PRIVATE
  http/routes/FolderRoutes.cpp
  services/FolderService.cpp
  services/FolderTree.cpp
)
