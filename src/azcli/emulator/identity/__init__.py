"""emulator.identity"""
