# Devices: enrolment, the device channel and their REST routes (issue #4).
# Included by server/CMakeLists.txt after steward_server_db and steward_server_core exist.
target_sources(steward_server_db PRIVATE
  db/AttributeRepository.cpp
  db/DeviceCountRepository.cpp
  db/DeviceCommandRepository.cpp
  db/DeviceRepository.cpp
  db/EnrollmentTokenRepository.cpp
)
target_sources(steward_server_core PRIVATE
  gateway/DeviceGateway.cpp
  http/routes/AttributeRoutes.cpp
  http/routes/CommandRoutes.cpp
  http/routes/DeviceRoutes.cpp
  http/routes/StatsRoutes.cpp
  services/AttributeService.cpp
  services/CommandService.cpp
  services/DeviceCountSampler.cpp
  services/DeviceView.cpp
  services/EnrollmentService.cpp
)
