# agent/settings: appliers and the all-or-nothing bundle applier (issue #8).
target_sources(steward_agent_core PRIVATE
  settings/Applier.cpp
  settings/BundleApplier.cpp
  settings/RuntimeApplier.cpp
  settings/RuntimeControl.cpp
  settings/SettingsClient.cpp
  settings/Wallpaper.cpp
)
