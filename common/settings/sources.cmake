# common/settings: the parameter registry shared by server, console and agent (issue #8).
target_sources(steward_common PRIVATE
  settings/Parameter.cpp
  settings/ParameterRegistry.cpp
)
