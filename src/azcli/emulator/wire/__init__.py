"""emulator.wire"""
