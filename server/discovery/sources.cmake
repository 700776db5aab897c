# Discovery (issue #4): UDP scan, online check, register offers, Wake-on-LAN.
# Included by server/CMakeLists.txt after steward_server_core exists.
target_sources(steward_server_core PRIVATE
  discovery/AddressRange.cpp
  discovery/OnlineCheck.cpp
  discovery/ScanService.cpp
  discovery/WakeOnLan.cpp
  http/routes/DiscoveryRoutes.cpp
)
