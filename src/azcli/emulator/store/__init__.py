"""emulator.store"""
