"""emulator.rp"""
