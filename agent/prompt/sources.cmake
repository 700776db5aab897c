# steward-agent-prompt: the consent dialog and session indicator on the device's display.
# The only part of the agent that links Qt Widgets; the agent starts it as a program.
find_package(Qt6 6.4 REQUIRED COMPONENTS Widgets)
steward_add_executable(steward-agent-prompt
  SOURCES prompt/prompt_main.cpp prompt/PromptWindows.cpp
  LIBS Qt6::Widgets)
