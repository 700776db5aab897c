# Jobs: one device command run on many devices, now or at a scheduled time (issue #6).
# Included by server/CMakeLists.txt after steward_server_db and steward_server_core exist.
target_sources(steward_server_db PRIVATE
  db/JobRepository.cpp
)
target_sources(steward_server_core PRIVATE
  app/ServerAppJobs.cpp
  http/routes/JobRoutes.cpp
  services/JobCreate.cpp
  services/JobService.cpp
)
