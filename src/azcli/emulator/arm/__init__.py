"""emulator.arm"""
